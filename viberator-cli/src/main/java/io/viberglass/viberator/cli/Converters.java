package io.viberglass.viberator.cli;

import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.ScmProvider;
import picocli.CommandLine;

/** Wire-id converters, so the CLI accepts exactly the ids the payload uses and names the allowed values on error. */
final class AgentTypeConverter implements CommandLine.ITypeConverter<AgentType> {
    @Override
    public AgentType convert(String value) {
        try {
            return AgentType.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}

final class JobKindConverter implements CommandLine.ITypeConverter<JobKind> {
    @Override
    public JobKind convert(String value) {
        try {
            return JobKind.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}

final class ScmProviderConverter implements CommandLine.ITypeConverter<ScmProvider> {
    @Override
    public ScmProvider convert(String value) {
        try {
            return ScmProvider.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
