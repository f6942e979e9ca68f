package org.proservice.response.export;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** Cell formats of the analysis exports: ISO-8601 UTC instants, plain decimals, ';'-joined flags, empty for null. */
final class Cells {

    private Cells() {
    }

    static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    static String time(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? "" : t.toInstant().toString();
    }

    static String number(BigDecimal d) {
        return d == null ? "" : d.stripTrailingZeros().toPlainString();
    }

    static String flags(Array array) throws SQLException {
        return array == null ? "" : String.join(";", (String[]) array.getArray());
    }
}
