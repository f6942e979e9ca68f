package org.proservice.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The CSV export's cell rules: RFC 4180 quoting and the guard against spreadsheet formulas in typed codes. */
class CsvCellTest {

    @Test
    void codesThatASpreadsheetWouldEvaluateGetALeadingApostrophe() {
        assertEquals("'-A1", CsvExportService.text("-A1"));
        assertEquals("'=HYPERLINK(\"x\")", CsvExportService.text("=HYPERLINK(\"x\")"));
        assertEquals("'+1", CsvExportService.text("+1"));
        assertEquals("'@SUM(A1)", CsvExportService.text("@SUM(A1)"));
        assertEquals("'\tx", CsvExportService.text("\tx"));
        assertEquals("'\rx", CsvExportService.text("\rx"));
    }

    @Test
    void ordinaryCodesAreLeftAlone() {
        assertEquals("KAPT-001", CsvExportService.text("KAPT-001"));
        assertEquals("psychedelic-im", CsvExportService.text("psychedelic-im"));
        assertEquals("T1", CsvExportService.text("T1"));
        assertEquals("a=b", CsvExportService.text("a=b"));
        assertEquals("", CsvExportService.text(""));
        assertNull(CsvExportService.text(null));
    }

    @Test
    void quotingFollowsRfc4180AfterTheGuard() {
        assertEquals("\"'=1,2\"", CsvExportService.quote(CsvExportService.text("=1,2")));
        assertEquals("\"a\"\"b\"", CsvExportService.quote("a\"b"));
        assertEquals("plain", CsvExportService.quote("plain"));
    }
}
