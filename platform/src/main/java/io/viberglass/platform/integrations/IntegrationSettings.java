package io.viberglass.platform.integrations;

import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks an integration's settings against its plugin: required names present, URLs http(s), GitHub names valid. */
final class IntegrationSettings {
    private static final Set<String> URL_SETTINGS = Set.of("apiUrl", "baseUrl", "instanceUrl", "webUrl");
    private static final Pattern GITHUB_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s/]+(/\\S*)?");

    private IntegrationSettings() {}

    static Map<String, Object> check(IntegrationSystem system, Map<String, Object> given) {
        Map<String, Object> config = given == null ? new LinkedHashMap<>() : new LinkedHashMap<>(given);
        List<FieldError> errors = new ArrayList<>();
        for (String name : system.requiredSettings()) {
            Object value = config.get(name);
            if (value == null || value.toString().isBlank()) {
                errors.add(new FieldError("config." + name, "is required for " + system.label()));
            }
        }
        config.forEach((name, value) -> {
            if (URL_SETTINGS.contains(name)
                    && value != null
                    && !URL.matcher(value.toString()).matches()) {
                errors.add(new FieldError("config." + name, "must be an http(s) URL"));
            }
            if (name.toLowerCase(java.util.Locale.ROOT).contains("token")
                    || name.toLowerCase(java.util.Locale.ROOT).contains("secret")
                    || name.toLowerCase(java.util.Locale.ROOT).contains("password")) {
                errors.add(new FieldError(
                        "config." + name, "must not hold credentials; give the token as 'token' or 'tokenSecretId'"));
            }
        });
        if (system == IntegrationSystem.GITHUB) {
            for (String name : List.of("owner", "repo")) {
                Object value = config.get(name);
                if (value != null && !GITHUB_NAME.matcher(value.toString()).matches()) {
                    errors.add(new FieldError("config." + name, "is not a valid GitHub " + name + " name"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(
                    "INTEGRATION_SETTINGS_INVALID", "The " + system.label() + " settings are invalid", errors);
        }
        return config;
    }
}
