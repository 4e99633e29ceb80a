package io.viberglass.platform.infra.logging;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.request.logging.layout.LogbackAccessRequestLayoutFactory;
import java.util.TimeZone;

/** The default request-log layout under the name {@code access}; {@code access-json} is the structured one. */
@JsonTypeName("access")
public class AccessTextLayoutFactory implements DiscoverableLayoutFactory<IAccessEvent> {
    @Override
    public LayoutBase<IAccessEvent> build(LoggerContext context, TimeZone timeZone) {
        return new LogbackAccessRequestLayoutFactory().build(context, timeZone);
    }
}
