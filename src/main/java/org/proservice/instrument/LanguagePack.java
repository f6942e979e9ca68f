package org.proservice.instrument;

import java.util.Map;

/**
 * A language pack: the texts of one instrument in one more language, as a file {@code <anything>.lang.json} in
 * {@code PRO_INSTRUMENTS_DIR}. Codes, scoring and rules stay those of the definition; only texts change.
 *
 * @param instrument       the instrument id
 * @param language         the BCP 47 language tag of the texts
 * @param source           where the texts come from and under which licence (kept with the pack)
 * @param stem             the stem in this language (the definition's when absent)
 * @param instructions     instructions in this language (the definition's when absent)
 * @param recallPeriodText the recall period text in this language (the definition's when absent)
 * @param items            the text of every item, by item id
 * @param optionLabels     option labels by item id and option value (the definition's when absent)
 */
record LanguagePack(String instrument, String language, String source, String stem, String instructions,
        String recallPeriodText, Map<String, String> items, Map<String, Map<String, String>> optionLabels) {

    static final String SUFFIX = ".lang.json";

    InstrumentDefinition.Translation translation() {
        return new InstrumentDefinition.Translation(stem, instructions, recallPeriodText, items, optionLabels);
    }
}
