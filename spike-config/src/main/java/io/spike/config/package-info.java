/**
 * The settings of spike-java, declared once.
 *
 * <p>{@link io.spike.config.Settings} is the registry: every {@code SPIKE_*} environment variable
 * (and {@code SPIFFE_ENDPOINT_SOCKET}) is one {@link io.spike.config.Setting} with its name,
 * default, {@link io.spike.config.Parser}, the {@link io.spike.config.Component}s that read it, one
 * line of help, whether it is secret, and the upstream SPIKE names accepted for it. Components read
 * through a frozen {@link io.spike.config.Environment}; launchers write child environments through
 * an {@link io.spike.config.EnvBuilder}. Every bad value is one {@link
 * io.spike.config.SettingException} that names the variable, the problem and the expected form, and
 * never the value of a secret setting. {@link io.spike.config.SettingsReference} generates {@code
 * docs/ENVIRONMENT.md} from the registry.
 */
package io.spike.config;
