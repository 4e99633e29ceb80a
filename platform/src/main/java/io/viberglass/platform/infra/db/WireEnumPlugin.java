package io.viberglass.platform.infra.db;

import io.viberglass.common.job.WireEnum;
import java.lang.reflect.Type;
import java.sql.Types;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.ColumnMapperFactory;
import org.jdbi.v3.core.spi.JdbiPlugin;

/** Stores enums that implement {@link WireEnum} by their wire id ({@code in_review}), the same text the API shows. */
public class WireEnumPlugin implements JdbiPlugin {
    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new WireEnumArgumentFactory());
        jdbi.registerColumnMapper(new WireEnumColumnMapperFactory());
    }

    private static final class WireEnumArgumentFactory extends AbstractArgumentFactory<WireEnum> {
        WireEnumArgumentFactory() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(WireEnum value, ConfigRegistry config) {
            return (position, statement, context) -> statement.setString(position, value.wire());
        }
    }

    private static final class WireEnumColumnMapperFactory implements ColumnMapperFactory {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Optional<ColumnMapper<?>> build(Type type, ConfigRegistry config) {
            Class<?> raw = GenericTypes.getErasedType(type);
            if (!raw.isEnum() || !WireEnum.class.isAssignableFrom(raw)) {
                return Optional.empty();
            }
            Class enumType = raw;
            return Optional.of((resultSet, column, context) -> {
                String value = resultSet.getString(column);
                return value == null ? null : WireEnum.parse(enumType, value);
            });
        }
    }
}
