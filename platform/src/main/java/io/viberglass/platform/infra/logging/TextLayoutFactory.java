package io.viberglass.platform.infra.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.logging.common.layout.DropwizardLayoutFactory;
import java.util.TimeZone;

/**
 * Dropwizard's default text layout under the name {@code text}, so one variable ({@code LOG_FORMAT=text|json})
 * switches the application log between human-readable and structured JSON.
 */
@JsonTypeName("text")
public class TextLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {
    @Override
    public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
        return new DropwizardLayoutFactory().build(context, timeZone);
    }
}
