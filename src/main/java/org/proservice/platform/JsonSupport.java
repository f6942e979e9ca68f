package org.proservice.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * JSON reading rules of the service. A body that names the same field twice ({"phq9_q1": 0, "phq9_q1": 3}) is
 * ambiguous, so it is refused as malformed (400) instead of silently keeping the last value.
 */
@Singleton
public class JsonSupport implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
