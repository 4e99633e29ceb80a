package io.viberglass.platform.integrations;

/** API base URLs of an integration's provider, from its settings or the public service's default. */
public final class ProviderUrls {
    private ProviderUrls() {}

    public static String githubApi(Integration integration) {
        return trim(integration.setting("apiUrl", "https://api.github.com"));
    }

    public static String gitlabApi(Integration integration) {
        return trim(integration.setting("baseUrl", "https://gitlab.com")) + "/api/v4";
    }

    public static String jiraApi(Integration integration) {
        return trim(integration.setting("instanceUrl", "")) + "/rest/api/3";
    }

    public static String shortcutApi(Integration integration) {
        return trim(integration.setting("apiUrl", "https://api.app.shortcut.com")) + "/api/v3";
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
