package dev.steadfast.cli;

import dev.steadfast.lifecycle.RetentionRule;
import dev.steadfast.session.RetentionPolicy;

/**
 * A {@code --rule} of {@code steadfast compact}: {@code prefix=PREFIX,} and one policy,
 * {@code after-snapshot=K}, {@code max-entries=N}, {@code max-age=AGE} or {@code keep=all} (to exempt journals under
 * a longer prefix from a broader rule), for example {@code --rule prefix=chat/,max-entries=1000}. A prefix that
 * holds a comma cannot be written this way.
 */
final class RuleOption {
    static final String FORM = "prefix=PREFIX and one of after-snapshot=K, max-entries=N, max-age=AGE or keep=all,"
            + " separated by commas";

    private RuleOption() {
    }

    /** @throws CommandFailure (usage) naming the rule, what is wrong in it and the form expected */
    static RetentionRule parse(String text) {
        String prefix = null;
        RetentionPolicy policy = null;
        try {
            for (String part : text.split(",", -1)) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? part : part.substring(0, eq).trim();
                String value = eq < 0 ? null : part.substring(eq + 1).trim();
                if (value == null) {
                    throw new IllegalArgumentException("'" + part + "' is not KEY=VALUE");
                }
                if (key.equals("prefix")) {
                    if (prefix != null) {
                        throw new IllegalArgumentException("prefix given twice");
                    }
                    prefix = value;
                    continue;
                }
                if (policy != null) {
                    throw new IllegalArgumentException("'" + key + "' is a second policy; a rule has one");
                }
                policy = policy(key, value);
            }
        } catch (IllegalArgumentException e) {
            throw failure(text, e.getMessage());
        }
        if (prefix == null || policy == null) {
            throw failure(text, prefix == null ? "no prefix" : "no policy");
        }
        return RetentionRule.of(prefix, policy);
    }

    private static RetentionPolicy policy(String key, String value) {
        return switch (key) {
            case "after-snapshot" -> RetentionPolicy.afterSnapshot(Integer.parseInt(number(key, value)));
            case "max-entries" -> RetentionPolicy.atMost(Long.parseLong(number(key, value)));
            case "max-age" -> RetentionPolicy.newerThan(Ages.parse(value));
            case "keep" -> {
                if (!value.equals("all")) {
                    throw new IllegalArgumentException("keep must be 'all', was '" + value + "'");
                }
                yield RetentionPolicy.keepAll();
            }
            default -> throw new IllegalArgumentException("unknown key '" + key + "'");
        };
    }

    private static String number(String key, String value) {
        if (!value.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
        }
        return value;
    }

    private static CommandFailure failure(String text, String problem) {
        return new CommandFailure(ExitCodes.USAGE, "--rule '" + text + "': " + problem + "; expected " + FORM);
    }

    /** What {@code policy} keeps, in words. */
    static String describe(RetentionPolicy policy) {
        if (policy instanceof RetentionPolicy.KeepSnapshots k) {
            return k.count() == Integer.MAX_VALUE ? "keeping the events after the oldest kept snapshot"
                    : "keeping the events after snapshot " + k.count() + " from the top";
        }
        if (policy instanceof RetentionPolicy.MaxEntries m) {
            return "keeping at most " + m.count() + " entries";
        }
        if (policy instanceof RetentionPolicy.MaxAge a) {
            return "keeping the events newer than " + a.age();
        }
        return "keeping everything";
    }
}
