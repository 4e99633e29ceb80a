package io.viberglass.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

/**
 * The one ObjectMapper configuration used on both sides of the wire: platform HTTP, JDBI jsonb columns, the worker and
 * the tests. Unknown properties are ignored so that an older worker keeps working against a newer platform.
 */
public final class Json {
    private Json() {}

    /** A new mapper with the shared configuration. */
    public static ObjectMapper newMapper() {
        return configure(new ObjectMapper());
    }

    /** Applies the shared configuration to a mapper someone else created (Dropwizard's bootstrap mapper). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .registerModule(new ParameterNamesModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
