// One PHQ-9 submission through the generated typescript-fetch client against a running service (issue 17).
// Usage: node build/smoke.js <baseUrl> <path of the test private key (PEM)>
import { createSign, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  Configuration,
  InstrumentsApi,
  NewProtocolVersionLateSubmissionsEnum,
  ResponsesApi,
  ScheduleApi,
  StaffAssignmentRoleEnum,
  StudiesApi,
} from "./client/index";

const [baseUrl, keyPath] = process.argv.slice(2);
const privateKey = readFileSync(keyPath, "utf8");

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

/** An RS256 token as the test issuer signs it (src/test/java/org/proservice/support/TestTokens). */
function token(subject: string, role: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
  const claims = b64url(JSON.stringify({
    iss: "https://pro.local/test-issuer", aud: "pro-service", sub: subject, groups: [role],
    iat: now, exp: now + 600, jti: randomUUID(),
  }));
  const signature = createSign("RSA-SHA256").update(`${header}.${claims}`).sign(privateKey);
  return `${header}.${claims}.${b64url(signature)}`;
}

function config(subject: string, role: string): Configuration {
  return new Configuration({ basePath: baseUrl, accessToken: token(subject, role) });
}

function check(condition: boolean, message: string): void {
  if (!condition) {
    throw new Error(`check failed: ${message}`);
  }
}

async function main(): Promise<void> {
  const clinician = "ts-clinician";
  const patient = `ts-patient-${randomUUID()}`;
  const studies = new StudiesApi(config("ts-admin", "admin"));
  const study = await studies.createStudy({
    newStudy: { name: `TypeScript client ${randomUUID()}`, arms: [{ code: "arm-a", label: "Arm A" }] },
  });
  await studies.putStudyStaff({
    id: study.id, subject: clinician, staffAssignment: { role: StaffAssignmentRoleEnum.Clinician },
  });
  await studies.publishProtocolVersion({
    id: study.id,
    newProtocolVersion: {
      anchors: [],
      timepoints: [{
        key: "T0", label: "Baseline", anchor: "enrollment", offsetDays: 0, windowDaysBefore: 0,
        windowDaysAfter: 7, instruments: ["phq9"], baseline: true,
      }],
      lateSubmissions: NewProtocolVersionLateSubmissionsEnum.AcceptMarkedLate,
    },
  });
  await new ScheduleApi(config(clinician, "clinician")).enrollPatient({
    id: study.id,
    newEnrollment: {
      subjectCode: `TS-${randomUUID().slice(0, 8)}`, identitySubject: patient, arm: "arm-a",
      enrollmentDate: new Date(), timeZone: "UTC",
    },
  });

  // Item 8 left unanswered: prorated 3 x 9 / 8 = 3.375, reported 3.
  const answers: { [item: string]: number | null } = {
    phq9_q1: 1, phq9_q2: 1, phq9_q3: 0, phq9_q4: 1, phq9_q5: 0, phq9_q6: 0, phq9_q7: 0, phq9_q8: null,
    phq9_q9: 0, phq9_difficulty: 1,
  };
  const stored = await new ResponsesApi(config(patient, "patient")).submitMyResponse({
    idempotencyKey: randomUUID(),
    responseSubmission: {
      timepointKey: "T0", instrumentId: "phq9", instrumentVersion: "1.0", answers,
      completedAt: new Date(Date.now() - 60_000),
    },
  });
  check(JSON.stringify(stored.answers) === JSON.stringify(answers),
    `answers round-trip: sent ${JSON.stringify(answers)}, got ${JSON.stringify(stored.answers)}`);
  check(stored.score.total === 3, `total 3, got ${stored.score.total}`);
  check(stored.score.proratedUnrounded === 3.375, `prorated 3.375, got ${stored.score.proratedUnrounded}`);
  check(stored.score.band === "none_minimal", `band none_minimal, got ${stored.score.band}`);

  const history = await new ResponsesApi(config(patient, "patient")).listMyResponses({ instrument: "phq9" });
  check(history.items.length === 1 && history.items[0].id === stored.id, "the history lists the submission");
  check(JSON.stringify(history.items[0].answers) === JSON.stringify(answers), "the history keeps the answers");

  const catalog = await new InstrumentsApi(config(patient, "patient")).listInstruments({});
  check(catalog.some((i) => i.id === "phq9"), "the catalog lists phq9");
  console.log(`typescript-fetch client: PHQ-9 submitted and read back (response ${stored.id}, total ${stored.score.total})`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
