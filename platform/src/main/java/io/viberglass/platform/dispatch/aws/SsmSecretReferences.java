package io.viberglass.platform.dispatch.aws;

import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.InvocationException;
import java.util.List;
import java.util.Map;

/**
 * Cloud workers (ECS tasks, Lambda functions) get their credentials by SSM parameter name and read the values with
 * their own IAM role, so no value passes through AWS control-plane requests (which CloudTrail records). A credential
 * stored elsewhere cannot reach them: the job fails at once, naming it.
 */
public final class SsmSecretReferences {
    private SsmSecretReferences() {}

    /** Credential name → SSM parameter name for every credential of the dispatch. */
    public static Map<String, String> of(Dispatch dispatch, String runtime) throws InvocationException {
        List<String> elsewhere = dispatch.credentials().keySet().stream()
                .filter(name -> !dispatch.ssmParameters().containsKey(name))
                .sorted()
                .toList();
        if (!elsewhere.isEmpty()) {
            throw InvocationException.permanent(
                    runtime + " workers read their secrets from AWS SSM, but " + String.join(", ", elsewhere)
                            + (elsewhere.size() == 1 ? " is" : " are")
                            + " stored elsewhere; store them in SSM (PUT /api/secrets/{id} with storage ssm)",
                    null);
        }
        return dispatch.ssmParameters();
    }
}
