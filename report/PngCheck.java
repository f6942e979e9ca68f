import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Checks a rendered PNG as a person would glance at it: the middle of the picture is not blank, and each colour
 * given (hex RGB) covers at least 150 pixels (allowing for anti-aliasing). Exit 1 with the reason otherwise.
 *
 *   java report/PngCheck.java picture.png 0072B2 D55E00
 */
public class PngCheck {

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = ImageIO.read(new File(args[0]));
        if (image == null) {
            fail(args[0] + " is not a readable PNG");
        }
        int x0 = image.getWidth() / 8;
        int y0 = image.getHeight() / 8;
        long ink = 0;
        long all = 0;
        for (int y = y0; y < image.getHeight() - y0; y++) {
            for (int x = x0; x < image.getWidth() - x0; x++) {
                all++;
                if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
                    ink++;
                }
            }
        }
        if (ink * 100 < all) {
            fail(args[0] + ": the chart area is blank (" + ink + " of " + all + " pixels drawn)");
        }
        StringBuilder found = new StringBuilder();
        for (int i = 1; i < args.length; i++) {
            int rgb = Integer.parseInt(args[i], 16);
            int n = count(image, rgb);
            if (n < 150) {
                fail(args[0] + ": colour #" + args[i] + " is missing (" + n + " pixels)");
            }
            found.append(" #").append(args[i]).append('=').append(n);
        }
        System.out.println("ok " + args[0] + " " + image.getWidth() + "x" + image.getHeight() + ", "
                + (ink * 100 / all) + " % drawn;" + found);
    }

    static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int dr = ((p >> 16) & 0xff) - ((rgb >> 16) & 0xff);
                int dg = ((p >> 8) & 0xff) - ((rgb >> 8) & 0xff);
                int db = (p & 0xff) - (rgb & 0xff);
                if (dr * dr + dg * dg + db * db <= 300) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void fail(String message) {
        System.err.println("PngCheck: " + message);
        System.exit(1);
    }
}
