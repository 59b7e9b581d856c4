package io.spike.store;

import java.util.regex.Pattern;

/**
 * Hides passwords in JDBC URLs: {@code password=...} parameters and {@code user:password@} parts.
 */
final class JdbcUrlMask {

  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("([?&;](?i:password|sslpassword)=)[^&;#]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?#]*:)[^/@?#]*@");

  private JdbcUrlMask() {}

  static String mask(String url) {
    String masked = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(masked).replaceAll("$1***@");
  }
}
