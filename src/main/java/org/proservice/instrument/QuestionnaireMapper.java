package org.proservice.instrument;

import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemAnswerOptionComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;

/**
 * Maps a catalog entry to a FHIR R4 {@code Questionnaire}: linkId = item id; LOINC {@code item.code} and LOINC
 * answer codings (with the integer code as {@code ordinalValue}) where the specification gives them; plain
 * {@code valueInteger} options otherwise.
 */
final class QuestionnaireMapper {

    static final String LOINC = "http://loinc.org";
    static final String ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

    private QuestionnaireMapper() {
    }

    static Questionnaire toQuestionnaire(InstrumentDefinition d, String canonicalBase) {
        Questionnaire q = new Questionnaire();
        q.setId(d.id());
        q.setUrl(stripSlash(canonicalBase) + "/Questionnaire/" + d.id());
        q.setVersion(d.version());
        q.setName(d.name().replaceAll("[^A-Za-z0-9]", ""));
        q.setTitle(d.title());
        q.setStatus(PublicationStatus.ACTIVE);
        q.setLanguage(d.language());
        q.addSubjectType("Patient");
        q.setCopyright(d.copyright() + (d.licence() == null ? "" : "\n\n" + d.licence()));
        q.setDescription(description(d));
        InstrumentDefinition.LoincCodes loinc = d.loinc();
        if (loinc != null && loinc.panel() != null) {
            q.addCode(new Coding(LOINC, loinc.panel().code(), loinc.panel().display()));
        }
        for (InstrumentDefinition.Item item : d.items()) {
            q.addItem(item(item));
        }
        return q;
    }

    private static QuestionnaireItemComponent item(InstrumentDefinition.Item item) {
        QuestionnaireItemComponent qi = new QuestionnaireItemComponent();
        qi.setLinkId(item.id());
        qi.setPrefix(item.number());
        qi.setText(item.text());
        qi.setType(QuestionnaireItemType.CHOICE);
        qi.setRequired(false);
        if (item.loinc() != null) {
            qi.addCode(new Coding(LOINC, item.loinc(), null));
        }
        boolean coded = !item.options().isEmpty()
                && item.options().stream().allMatch(o -> o.loinc() != null);
        for (InstrumentDefinition.Option option : item.options()) {
            QuestionnaireItemAnswerOptionComponent answer = qi.addAnswerOption();
            if (coded) {
                Coding coding = new Coding(LOINC, option.loinc(), option.label());
                coding.addExtension(ORDINAL_VALUE, new DecimalType(option.value()));
                answer.setValue(coding);
            } else {
                answer.setValue(new IntegerType(option.value()));
            }
        }
        return qi;
    }

    private static String description(InstrumentDefinition d) {
        StringBuilder sb = new StringBuilder();
        for (String part : List.of(nullToEmpty(d.instructions()), nullToEmpty(d.stem()))) {
            if (!part.isBlank()) {
                sb.append(sb.length() == 0 ? "" : "\n\n").append(part);
            }
        }
        sb.append(sb.length() == 0 ? "" : "\n\n").append("Recall period: ").append(d.recallPeriod().text())
                .append(". Wording: ").append(d.wording()).append('.');
        return sb.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
