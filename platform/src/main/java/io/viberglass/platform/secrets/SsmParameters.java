package io.viberglass.platform.secrets;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.infra.errors.DomainException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** SecureString parameters in AWS SSM Parameter Store. */
public class SsmParameters {
    private final SsmClient ssm;

    public SsmParameters(SsmClient ssm) {
        this.ssm = ssm;
    }

    public void put(String name, SecretValue value) {
        try {
            ssm.putParameter(b -> b.name(name)
                    .value(value.reveal())
                    .type(ParameterType.SECURE_STRING)
                    .overwrite(true));
        } catch (SsmException e) {
            throw unavailable("store", name, e);
        }
    }

    public SecretValue get(String name) {
        try {
            return SecretValue.of(ssm.getParameter(b -> b.name(name).withDecryption(true))
                    .parameter()
                    .value());
        } catch (ParameterNotFoundException e) {
            throw DomainException.notFound("SSM_PARAMETER_NOT_FOUND", "SSM parameter " + name + " does not exist");
        } catch (SsmException e) {
            throw unavailable("read", name, e);
        }
    }

    public void delete(String name) {
        try {
            ssm.deleteParameter(b -> b.name(name));
        } catch (ParameterNotFoundException e) {
            // already gone: nothing to delete
        } catch (SsmException e) {
            throw unavailable("delete", name, e);
        }
    }

    /** The message names the parameter and AWS's error code, never a value. */
    private static DomainException unavailable(String action, String name, SsmException e) {
        String code = e.awsErrorDetails() == null
                ? String.valueOf(e.statusCode())
                : e.awsErrorDetails().errorCode();
        return new DomainException(
                io.viberglass.platform.infra.errors.ErrorKind.UNAVAILABLE,
                "SSM_UNAVAILABLE",
                "Could not " + action + " SSM parameter " + name + " (" + code + ")");
    }
}
