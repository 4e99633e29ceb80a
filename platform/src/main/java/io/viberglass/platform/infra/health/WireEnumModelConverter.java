package io.viberglass.platform.infra.health;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import io.viberglass.common.job.WireEnum;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Describes {@link WireEnum}s by their wire ids ({@code in_review}), as Jackson writes them. Swagger looks for
 * {@code @JsonValue} only among an enum's own declared methods, so without this the description would list the Java
 * constant names ({@code IN_REVIEW}) and the dashboard's generated types would not match the real JSON.
 */
final class WireEnumModelConverter implements ModelConverter {

    static void install() {
        ModelConverters converters = ModelConverters.getInstance();
        if (converters.getConverters().stream().noneMatch(WireEnumModelConverter.class::isInstance)) {
            converters.addConverter(new WireEnumModelConverter());
        }
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (schema != null && raw.isEnum() && WireEnum.class.isAssignableFrom(raw)) {
            List<String> ids = Arrays.stream(raw.getEnumConstants())
                    .map(constant -> ((WireEnum) constant).wire())
                    .toList();
            schema.setEnum(ids);
        }
        return schema;
    }
}
