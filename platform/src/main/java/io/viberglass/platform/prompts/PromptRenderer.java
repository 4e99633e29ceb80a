package io.viberglass.platform.prompts;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.viberglass.platform.infra.errors.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mustache rendering for prompts (JMustache): {@code {{var}}}, sections {@code {{#var}}…{{/var}}} kept when the value
 * is non-empty, inverted sections {@code {{^var}}…{{/var}}} kept when it is empty. Values are inserted verbatim, never
 * HTML-escaped and never re-interpreted, so a ticket that contains {@code {{planDocument}}} cannot inject anything;
 * literal braces in a template are written with a delimiter change ({@code {{=<% %>=}}}). Unknown variables are
 * refused when a template is saved, so they never render as a silent blank.
 */
public final class PromptRenderer {
    private final Mustache.Compiler compiler =
            Mustache.compiler().escapeHTML(false).emptyStringIsFalse(true).defaultValue("");

    public String render(String template, Map<String, String> values) {
        return compiler.compile(template).execute(values);
    }

    /** Checks that a template parses and uses only the type's variables; throws a 400 naming the problem. */
    public void validate(PromptType type, String template) {
        if (template == null || template.isBlank()) {
            throw DomainException.invalid("PROMPT_TEMPLATE_BLANK", "template", "must not be blank");
        }
        Template compiled;
        try {
            compiled = compiler.compile(template);
        } catch (MustacheException e) {
            throw DomainException.invalid("PROMPT_TEMPLATE_INVALID", "template", "does not parse: " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>(used(compiled));
        unknown.removeAll(type.variables());
        if (!unknown.isEmpty()) {
            throw DomainException.invalid(
                    "PROMPT_TEMPLATE_UNKNOWN_VARIABLE",
                    "template",
                    "uses unknown variables " + unknown + "; " + type.wire() + " knows "
                            + new TreeSet<>(type.variables()));
        }
    }

    private static List<String> used(Template template) {
        List<String> names = new ArrayList<>();
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {}

            @Override
            public void visitVariable(String name) {
                names.add(name);
            }

            @Override
            public boolean visitInclude(String name) {
                names.add(">" + name); // partials are not supported; reported as unknown
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                names.add(name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                names.add(name);
                return true;
            }
        });
        return names;
    }
}
