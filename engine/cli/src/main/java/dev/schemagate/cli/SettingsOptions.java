package dev.schemagate.cli;

import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.SettingsKeys;
import dev.schemagate.policies.ConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --config}, {@code --policy}, {@code --allow-drl}, {@code --env} and {@code --today}: how check, audit and
 * plan find their settings, in one place so the three read them the same way (paths relative to the working
 * directory; built-ins &lt; policy packs &lt; schemagate.yaml &lt; the command's own options).
 */
final class SettingsOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (default ./schemagate.yaml if present).")
    Path config;

    @Mixin
    PolicyOptions policyOptions = new PolicyOptions();

    @Option(names = "--env", paramLabel = "PROFILE", description = "Policy profile to apply (dev, staging, prod, ...: "
            + "whatever the policies define; default: env: in schemagate.yaml).")
    String env;

    @Option(names = "--today", paramLabel = "YYYY-MM-DD", description = "Date waivers expire against (default: "
            + "SCHEMAGATE_TODAY, else today in UTC).")
    String today;

    /**
     * Loads the policies and schemagate.yaml into {@code s} (problems in the settings file go to {@code errors}; a
     * policy that does not load stops the command). Apply the command's own options after this, then
     * {@link #applyToday} and {@link PolicyOptions.Loaded#compile}.
     */
    PolicyOptions.Loaded load(Path cwd, Settings s, List<InputError> errors) {
        Path cfg = config == null ? null : cwd.resolve(config);
        if (cfg == null && Files.isRegularFile(cwd.resolve(ConfigFile.DEFAULT_NAME))) {
            cfg = cwd.resolve(ConfigFile.DEFAULT_NAME);
        }
        PolicyOptions.Loaded policy = policyOptions.load(cwd, cfg, env);
        policy.set.applyTo(s);
        if (cfg != null) {
            errors.addAll(ConfigFile.load(cfg, PolicyOptions.shown(cwd, cfg), s));
        }
        return policy;
    }

    /** Sets the date waivers expire against from {@code --today}, and rejects a bad {@code SCHEMAGATE_TODAY} too. */
    void applyToday(Settings s) {
        try {
            if (today != null) {
                s.setToday(SettingsKeys.date("today", today));
            }
            s.getToday();
        } catch (IllegalArgumentException ex) {
            throw new Main.UsageProblem((today != null ? "--today: " : "")
                    + ex.getMessage().replace("setting 'today' is", "value"));
        }
    }
}
