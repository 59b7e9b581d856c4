package io.spike.api.wire;

/**
 * A request that names what it is about: a secret path or a policy name. The audit log records it;
 * it is never a secret value.
 */
public interface Subject {

  /** The secret path or policy name the request names (validated by its record). */
  String subject();
}
