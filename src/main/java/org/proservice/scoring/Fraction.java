package org.proservice.scoring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/** An exact rational number, so that change thresholds are decided without floating-point error. */
record Fraction(BigInteger num, BigInteger den) implements Comparable<Fraction> {

    /** Every BPI mean is a mean of at most 7 integer items, so a multiple of 1/420 (420 = lcm(1..7)). */
    private static final long MEAN_DENOMINATOR = 420;
    private static final double SNAP_TOLERANCE = 1e-6;

    Fraction {
        if (den.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        BigInteger g = num.gcd(den);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            num = num.divide(g);
            den = den.divide(g);
        }
    }

    static Fraction of(long value) {
        return new Fraction(BigInteger.valueOf(value), BigInteger.ONE);
    }

    /**
     * The exact value of a number. Integers and BigDecimals are taken as they are. A double is read as the multiple
     * of 1/420 it stands for when it is within 1e-6 of one (a mean such as 29/7 arrives as 4.142857142857143);
     * otherwise as the exact binary value of the double.
     */
    static Fraction of(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return of(n.longValue());
        }
        if (n instanceof BigInteger b) {
            return new Fraction(b, BigInteger.ONE);
        }
        BigDecimal exact;
        if (n instanceof BigDecimal bd) {
            exact = bd;
        } else {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("not a finite number");
            }
            double scaled = d * MEAN_DENOMINATOR;
            long nearest = Math.round(scaled);
            if (Math.abs(scaled - nearest) <= SNAP_TOLERANCE) {
                return new Fraction(BigInteger.valueOf(nearest), BigInteger.valueOf(MEAN_DENOMINATOR));
            }
            exact = new BigDecimal(d);
        }
        BigInteger unscaled = exact.unscaledValue();
        int scale = exact.scale();
        return scale >= 0 ? new Fraction(unscaled, BigInteger.TEN.pow(scale))
                : new Fraction(unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE);
    }

    Fraction minus(Fraction o) {
        return new Fraction(num.multiply(o.den).subtract(o.num.multiply(den)), den.multiply(o.den));
    }

    Fraction times(long k) {
        return new Fraction(num.multiply(BigInteger.valueOf(k)), den);
    }

    Fraction dividedBy(Fraction o) {
        return new Fraction(num.multiply(o.den), den.multiply(o.num));
    }

    boolean isInteger() {
        return den.equals(BigInteger.ONE);
    }

    int signum() {
        return num.signum();
    }

    @Override
    public int compareTo(Fraction o) {
        return num.multiply(o.den).compareTo(o.num.multiply(den));
    }

    boolean atLeast(long value) {
        return compareTo(of(value)) >= 0;
    }

    boolean lessThan(long value) {
        return compareTo(of(value)) < 0;
    }

    double toDouble() {
        return new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL64).doubleValue();
    }
}
