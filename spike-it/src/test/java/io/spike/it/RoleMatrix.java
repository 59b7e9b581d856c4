package io.spike.it;

import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who may call what, as DESIGN and the hostile review say, for the role-isolation matrix of {@link
 * HostileIT}: every identity a cluster has (plus a workload with a policy matching the data routes
 * and the role identities, and one without any) against every Nexus route but the snapshot ones
 * (under change elsewhere) and both keeper routes. Each cell is the exact status and error code
 * expected, and the body an attacker holding that SVID would send.
 */
final class RoleMatrix {
  private RoleMatrix() {}

  /** The callers: the cluster's role identities and two workloads. */
  enum Who {
    NEXUS("nexus", "/spike/nexus"),
    KEEPER("keeper-1", "/spike/keeper/1"),
    BOOTSTRAP("bootstrap", "/spike/bootstrap"),
    RECOVER("recover", "/spike/pilot/role/recover"),
    RESTORE("restore", "/spike/pilot/role/restore"),
    SUPERUSER("superuser", "/spike/pilot/role/superuser"),
    /** Matched by the {@code matrix-*} policies (as is every role identity above). */
    WORKLOAD_WITH_POLICY("matrix_with", "/matrix/with"),
    WORKLOAD_WITHOUT_POLICY("matrix_without", "/matrix/without");

    final String svid;
    final String path;

    Who(String svid, String path) {
      this.svid = svid;
      this.path = path;
    }

    String id() {
      return "spiffe://spike.ist" + path;
    }

    String tag() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
      return tag() + " (" + id() + ")";
    }
  }

  /** The exact answer expected: status and {@code err} ("" for a success). */
  record Expect(int status, String err) {
    static final Expect OK = new Expect(200, "");
    static final Expect UNAUTHORIZED = new Expect(401, "access_unauthorized");
    static final Expect CONFLICT = new Expect(409, "state_conflict");
    static final Expect BAD_REQUEST = new Expect(400, "api_bad_request");

    boolean allowedByGuard() {
      return status != 401;
    }
  }

  private static final Set<Who> DATA = EnumSet.of(Who.SUPERUSER, Who.WORKLOAD_WITH_POLICY);

  /** Every Nexus route except {@code /v1/operator/snapshot} (both actions). */
  enum NexusRoute {
    SECRET_PUT("/v1/store/secrets", "", DATA),
    SECRET_GET("/v1/store/secrets", "get", DATA),
    SECRET_DELETE("/v1/store/secrets", "delete", DATA),
    SECRET_UNDELETE("/v1/store/secrets", "undelete", DATA),
    SECRET_LIST("/v1/store/secrets", "list", DATA),
    METADATA_GET("/v1/store/secrets/metadata", "get", DATA),
    POLICY_PUT("/v1/acl/policy", "", DATA),
    POLICY_GET("/v1/acl/policy", "get", DATA),
    POLICY_DELETE("/v1/acl/policy", "delete", DATA),
    POLICY_LIST("/v1/acl/policy", "list", DATA),
    CIPHER_ENCRYPT("/v1/cipher/encrypt", "", DATA),
    CIPHER_DECRYPT("/v1/cipher/decrypt", "", DATA),
    OPERATOR_RECOVER("/v1/operator/recover", "", EnumSet.of(Who.RECOVER)),
    OPERATOR_RESTORE("/v1/operator/restore", "", EnumSet.of(Who.RESTORE)),
    OPERATOR_UNSEAL("/v1/operator/unseal", "", EnumSet.of(Who.RESTORE)),
    OPERATOR_ESCROW("/v1/operator/escrow", "", EnumSet.of(Who.SUPERUSER)),
    OPERATOR_ROTATE("/v1/operator/rotate", "", EnumSet.of(Who.SUPERUSER)),
    OPERATOR_REENCRYPT("/v1/operator/reencrypt", "", EnumSet.of(Who.SUPERUSER)),
    BOOTSTRAP_VERIFY("/v1/bootstrap/verify", "", EnumSet.of(Who.BOOTSTRAP)),
    SYS_STATUS("/v1/sys/status", "", EnumSet.allOf(Who.class));

    final String path;
    final String action;
    private final Set<Who> guardLets;

    NexusRoute(String path, String action, Set<Who> guardLets) {
      this.path = path;
      this.action = action;
      this.guardLets = guardLets;
    }

    String target() {
      return path + (action.isEmpty() ? "" : "?action=" + action);
    }

    /** The exact answer for {@code who}. */
    Expect expect(Who who) {
      if (!guardLets.contains(who)) {
        return Expect.UNAUTHORIZED;
      }
      switch (this) {
        case OPERATOR_RESTORE:
        case OPERATOR_UNSEAL:
          return Expect.CONFLICT; // the guard lets restore in; an unsealed Nexus refuses
        case BOOTSTRAP_VERIFY:
          return Expect.BAD_REQUEST; // the guard lets bootstrap in; random bytes do not decrypt
        default:
          return Expect.OK;
      }
    }

    /** What {@code who} sends. */
    String body(Who who, Fixture f) {
      switch (this) {
        case SECRET_PUT:
          return "{\"path\":\"" + f.probe + "\",\"values\":{\"k\":\"by-" + who.tag() + "\"}}";
        case SECRET_GET:
        case METADATA_GET:
          return "{\"path\":\"" + f.probe + "\",\"version\":0}";
        case SECRET_DELETE:
        case SECRET_UNDELETE:
          return "{\"path\":\"" + f.probe + "\",\"versions\":[1]}";
        case POLICY_PUT:
          return "{\"name\":\""
              + createdPolicy(who)
              + "\",\"spiffeidPattern\":\"^spiffe://spike\\\\.ist/"
              + "matrix/escalated$\",\"pathPattern\":\"^.*$\",\"permissions\":[\"super\"]}";
        case POLICY_GET:
          return "{\"id\":\"matrix-data\"}";
        case POLICY_DELETE:
          return "{\"id\":\"" + f.victimPolicy + "\"}";
        case CIPHER_ENCRYPT:
          return "{\"plaintext\":\""
              + Base64.getEncoder().encodeToString("matrix".getBytes())
              + "\"}";
        case CIPHER_DECRYPT:
          return f.ciphertextJson;
        case OPERATOR_RESTORE:
          return "{\"id\":1,\"shard\":" + f.randomShardJson + "}";
        case OPERATOR_UNSEAL:
          return "{\"password\":\"matrix unseal guess 0001\"}";
        case OPERATOR_ESCROW:
          return "{\"password\":\"matrix escrow password by " + who.tag() + "\"}";
        case OPERATOR_ROTATE:
          return "{\"target\":\"keys\"}";
        case OPERATOR_REENCRYPT:
          return "{\"batch\":0,\"retire\":false}";
        case BOOTSTRAP_VERIFY:
          return "{\"nonce\":\""
              + Base64.getEncoder().encodeToString(new byte[12])
              + "\",\"ciphertext\":\""
              + Base64.getEncoder().encodeToString(new byte[48])
              + "\"}";
        default:
          return "{}";
      }
    }

    /** Whether an allowed call changes what {@code HostileIT.NexusState} shows. */
    boolean changes() {
      return EnumSet.of(
              SECRET_PUT,
              SECRET_DELETE,
              SECRET_UNDELETE,
              POLICY_PUT,
              POLICY_DELETE,
              OPERATOR_ROTATE)
          .contains(this);
    }

    static String createdPolicy(Who who) {
      return "matrix-by-" + who.tag();
    }

    @Override
    public String toString() {
      return "POST " + target();
    }
  }

  /** The two keeper routes. */
  enum KeeperRoute {
    CONTRIBUTE("/v1/store/contribute"),
    SHARD("/v1/store/shard");

    final String path;

    KeeperRoute(String path) {
      this.path = path;
    }

    Expect expect(Who who) {
      if (who == Who.NEXUS) {
        return Expect.OK;
      }
      if (this == CONTRIBUTE && who == Who.BOOTSTRAP) {
        return Expect.CONFLICT; // bootstrap seeds empty keepers only
      }
      return Expect.UNAUTHORIZED;
    }

    @Override
    public String toString() {
      return "POST " + path;
    }
  }

  /** What the bodies refer to, set up once per cluster. */
  static final class Fixture {
    String probe = "matrix/probe";
    String victimPolicy = "matrix-victim";
    String ciphertextJson;
    String randomShardJson;
  }
}
