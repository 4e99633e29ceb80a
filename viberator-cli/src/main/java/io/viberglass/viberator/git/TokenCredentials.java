package io.viberglass.viberator.git;

import io.viberglass.common.job.ScmProvider;
import io.viberglass.common.security.SecretValue;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/** HTTPS token credentials in the user-name convention each provider expects. */
public final class TokenCredentials {
    private TokenCredentials() {}

    /** A provider for {@code token}, or {@code null} for anonymous access when there is none. */
    public static CredentialsProvider forToken(ScmProvider provider, SecretValue token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        String user =
                switch (provider) {
                    case GITLAB -> "oauth2";
                    case BITBUCKET -> "x-token-auth";
                    case GITHUB, GIT -> "x-access-token";
                };
        return new UsernamePasswordCredentialsProvider(user, token.reveal());
    }
}
