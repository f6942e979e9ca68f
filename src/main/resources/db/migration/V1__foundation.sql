-- Foundation: nothing but the schema's own marker. Feature migrations follow.
COMMENT ON SCHEMA ${flyway:defaultSchema} IS 'PRO service: patient-reported outcomes';
