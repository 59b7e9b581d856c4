package io.spike.api;

/** Paths and actions of the Nexus and Keeper APIs (DESIGN section 3). */
public final class Routes {
  public static final String SECRETS = "/v1/store/secrets";
  public static final String SECRET_METADATA = "/v1/store/secrets/metadata";
  public static final String POLICY = "/v1/acl/policy";
  public static final String CIPHER_ENCRYPT = "/v1/cipher/encrypt";
  public static final String CIPHER_DECRYPT = "/v1/cipher/decrypt";
  public static final String OPERATOR_RECOVER = "/v1/operator/recover";
  public static final String OPERATOR_RESTORE = "/v1/operator/restore";
  public static final String OPERATOR_UNSEAL = "/v1/operator/unseal";
  public static final String OPERATOR_ESCROW = "/v1/operator/escrow";
  public static final String OPERATOR_ROTATE = "/v1/operator/rotate";
  public static final String OPERATOR_SNAPSHOT = "/v1/operator/snapshot";
  public static final String OPERATOR_REENCRYPT = "/v1/operator/reencrypt";
  public static final String OPERATOR_VERIFY_SHARD = "/v1/operator/verify-shard";
  public static final String BOOTSTRAP_VERIFY = "/v1/bootstrap/verify";
  public static final String SYS_STATUS = "/v1/sys/status";

  public static final String KEEPER_CONTRIBUTE = "/v1/store/contribute";
  public static final String KEEPER_SHARD = "/v1/store/shard";

  /** The {@code ?action=} values. The default action of a path is the empty string. */
  public static final String ACTION_DEFAULT = "";

  public static final String ACTION_GET = "get";
  public static final String ACTION_DELETE = "delete";
  public static final String ACTION_UNDELETE = "undelete";
  public static final String ACTION_LIST = "list";
  public static final String ACTION_VERIFY = "verify";

  private Routes() {}
}
