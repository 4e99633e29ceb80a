package io.viberglass.platform.infra.api;

import io.viberglass.common.job.WireEnum;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Path and query parameters of enum types take the same lower-case wire ids as JSON ({@code /phases/research}); an
 * unknown value fails conversion, which the error mappers answer with a 400 naming the parameter.
 */
public class WireEnumParamConverters implements ParamConverterProvider {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (!rawType.isEnum() || !WireEnum.class.isAssignableFrom(rawType)) {
            return null;
        }
        Class enumType = rawType;
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                return (T) WireEnum.parse(enumType, value);
            }

            @Override
            public String toString(T value) {
                return ((WireEnum) value).wire();
            }
        };
    }
}
