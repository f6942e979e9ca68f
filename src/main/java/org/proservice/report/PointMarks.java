package org.proservice.report;

import org.proservice.response.ResponseDtos.ScorePoint;

/** Marks of a score point that the score series decides and the report only shows. */
final class PointMarks {

    private PointMarks() {
    }

    /** Whether the point is a baseline answered on or after the day treatment started (the series' own status). */
    static boolean afterTreatmentBaseline(ScorePoint p) {
        return p.baseline() && "after_treatment_start".equals(p.baselineStatus());
    }
}
