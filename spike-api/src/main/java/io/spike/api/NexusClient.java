package io.spike.api;

import io.spike.api.wire.BootstrapVerifyRequest;
import io.spike.api.wire.BootstrapVerifyResponse;
import io.spike.api.wire.CipherPlaintext;
import io.spike.api.wire.CipherText;
import io.spike.api.wire.Empty;
import io.spike.api.wire.PasswordRequest;
import io.spike.api.wire.Policy;
import io.spike.api.wire.PolicyIdRequest;
import io.spike.api.wire.PolicyIdResponse;
import io.spike.api.wire.PolicyListRequest;
import io.spike.api.wire.PolicyListResponse;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.api.wire.RecoverResponse;
import io.spike.api.wire.ReencryptRequest;
import io.spike.api.wire.ReencryptResponse;
import io.spike.api.wire.RestoreRequest;
import io.spike.api.wire.RestoreResponse;
import io.spike.api.wire.RotateRequest;
import io.spike.api.wire.SecretGetRequest;
import io.spike.api.wire.SecretGetResponse;
import io.spike.api.wire.SecretListResponse;
import io.spike.api.wire.SecretMetadataResponse;
import io.spike.api.wire.SecretPutRequest;
import io.spike.api.wire.SecretVersionsRequest;
import io.spike.api.wire.StatusResponse;
import io.spike.api.wire.UnsealResponse;
import io.spike.api.wire.VerifyShardResponse;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Nexus API, one method per route and action.
 *
 * @param http the HTTP client bound to Nexus
 */
public record NexusClient(SpikeHttp http) {

  public void putSecret(String path, Map<String, String> values) {
    call(Routes.SECRETS, new SecretPutRequest(path, values), Empty.class);
  }

  public SecretGetResponse getSecret(String path, int version) {
    return get(Routes.SECRETS, new SecretGetRequest(path, version), SecretGetResponse.class);
  }

  public void deleteSecret(String path, List<Integer> versions) {
    versions(Routes.ACTION_DELETE, path, versions);
  }

  public void undeleteSecret(String path, List<Integer> versions) {
    versions(Routes.ACTION_UNDELETE, path, versions);
  }

  public List<String> listSecrets() {
    return http.post(Routes.SECRETS, Routes.ACTION_LIST, Empty.INSTANCE, SecretListResponse.class)
        .keys();
  }

  public SecretMetadataResponse secretMetadata(String path, int version) {
    return get(
        Routes.SECRET_METADATA, new SecretGetRequest(path, version), SecretMetadataResponse.class);
  }

  public String putPolicy(PolicyPutRequest policy) {
    return call(Routes.POLICY, policy, PolicyIdResponse.class).id();
  }

  public Policy getPolicy(String id) {
    return get(Routes.POLICY, new PolicyIdRequest(id), Policy.class);
  }

  public void deletePolicy(String id) {
    http.post(Routes.POLICY, Routes.ACTION_DELETE, new PolicyIdRequest(id), Empty.class);
  }

  public PolicyListResponse listPolicies(PolicyListRequest filter) {
    return http.post(Routes.POLICY, Routes.ACTION_LIST, filter, PolicyListResponse.class);
  }

  public CipherText encrypt(CipherPlaintext plaintext) {
    return call(Routes.CIPHER_ENCRYPT, plaintext, CipherText.class);
  }

  public CipherPlaintext decrypt(CipherText ciphertext) {
    return call(Routes.CIPHER_DECRYPT, ciphertext, CipherPlaintext.class);
  }

  public RecoverResponse recover() {
    return call(Routes.OPERATOR_RECOVER, Empty.INSTANCE, RecoverResponse.class);
  }

  public RestoreResponse restore(RestoreRequest shard) {
    return call(Routes.OPERATOR_RESTORE, shard, RestoreResponse.class);
  }

  /** Checks one recovery shard against the shard commitments Nexus stores. */
  public VerifyShardResponse verifyShard(RestoreRequest shard) {
    return call(Routes.OPERATOR_VERIFY_SHARD, shard, VerifyShardResponse.class);
  }

  public UnsealResponse unseal(PasswordRequest password) {
    return call(Routes.OPERATOR_UNSEAL, password, UnsealResponse.class);
  }

  public void escrow(PasswordRequest password) {
    call(Routes.OPERATOR_ESCROW, password, Empty.class);
  }

  public void rotate(RotateRequest target) {
    call(Routes.OPERATOR_ROTATE, target, Empty.class);
  }

  /** One step of re-encryption to the newest data-key term (superuser). */
  public ReencryptResponse reencrypt(ReencryptRequest step) {
    return call(Routes.OPERATOR_REENCRYPT, step, ReencryptResponse.class);
  }

  public InputStream snapshot() {
    return http.postForStream(Routes.OPERATOR_SNAPSHOT, Routes.ACTION_DEFAULT, Empty.INSTANCE);
  }

  /** Uploads a snapshot for Nexus to verify with its root key ({@code ?action=verify}). */
  public io.spike.api.wire.SnapshotVerifyResponse verifySnapshot(Path file) {
    return http.postFile(
        Routes.OPERATOR_SNAPSHOT,
        Routes.ACTION_VERIFY,
        file,
        io.spike.api.wire.SnapshotVerifyResponse.class);
  }

  public BootstrapVerifyResponse verifyBootstrap(BootstrapVerifyRequest request) {
    return call(Routes.BOOTSTRAP_VERIFY, request, BootstrapVerifyResponse.class);
  }

  public StatusResponse status() {
    return call(Routes.SYS_STATUS, Empty.INSTANCE, StatusResponse.class);
  }

  /** A POST with the default action: most routes have no other. */
  private <T> T call(String route, Object body, Class<T> type) {
    return http.post(route, Routes.ACTION_DEFAULT, body, type);
  }

  private void versions(String action, String path, List<Integer> versions) {
    http.post(Routes.SECRETS, action, new SecretVersionsRequest(path, versions), Empty.class);
  }

  private <T> T get(String route, Object body, Class<T> type) {
    return http.post(route, Routes.ACTION_GET, body, type);
  }
}
