package org.proservice.report;

import org.proservice.response.ResponseDtos.ScorePoint;

/** Marks of a score point that the score series decides and the report only shows. */
final class PointMarks {

    private PointMarks() {
    }

    /**
     * Whether the point is a baseline answered after treatment had started. The score series does not say so yet;
     * when it does (a per-point baseline status), this reads it.
     */
    static boolean afterTreatmentBaseline(ScorePoint p) {
        return false;
    }
}
