package org.proservice.response.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.proservice.response.CsvExportService;

/**
 * An RFC 4180 writer with the rules of the study CSV export ({@link CsvExportService#quote},
 * {@link CsvExportService#text}): UTF-8, CRLF, quoted when needed; typed codes guarded against spreadsheet formulas.
 */
final class CsvOut implements AutoCloseable {

    private final Writer w;

    CsvOut(OutputStream out) {
        this.w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    void row(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(CsvExportService.quote(fields.get(i)));
        }
        w.write("\r\n");
    }

    /** A typed code or free label: formula-guarded. */
    static String text(String value) {
        return CsvExportService.text(value);
    }

    @Override
    public void close() throws IOException {
        w.flush();
    }
}
