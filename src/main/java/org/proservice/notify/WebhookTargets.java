package org.proservice.notify;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which webhook URLs the service accepts and calls: absolute {@code http}/{@code https} URLs with a host, no user
 * info, no fragment; and, unless {@code pro.notify.allow-private-targets} is on, none that point into a private
 * network (loopback, RFC 1918, link-local incl. cloud metadata, unique-local IPv6, wildcard, multicast), checked
 * when the subscription is created (literal addresses, {@code localhost}) and again before every attempt (the
 * resolved addresses, so that a DNS change cannot turn an accepted URL into an internal one).
 */
final class WebhookTargets {

    static final int MAX_URL_LENGTH = 2048;
    /** The reason {@link #resolvedProblem} gives when the host does not resolve: a failure, not a refusal. */
    static final String UNKNOWN_HOST = "unknown host";

    private WebhookTargets() {
    }

    /** Why {@code url} is not acceptable as a webhook URL, or empty when it is. */
    static Optional<String> problem(String url, boolean allowPrivate) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("must have at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (uri.isOpaque()) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain user credentials");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not contain a fragment");
        }
        if (!allowPrivate && isPrivateLiteral(uri.getHost())) {
            return Optional.of("must not point at a loopback or private network address");
        }
        return Optional.empty();
    }

    /** Resolves the URL's host and says why it must not be called, or empty when it may. */
    static Optional<String> resolvedProblem(URI uri, boolean allowPrivate) {
        if (allowPrivate) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isPrivate(address)) {
                    return Optional.of("target resolves to a private network address");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of(UNKNOWN_HOST);
        }
    }

    private static boolean isPrivateLiteral(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        boolean ipv4 = h.matches("[0-9.]+");
        boolean ipv6 = h.contains(":");
        if (!ipv4 && !ipv6) {
            return false;
        }
        try {
            return isPrivate(InetAddress.getByName(h));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second <= 127) // 0/8, 100.64/10 carrier-grade NAT
                || (first == 198 && (second == 18 || second == 19)); // 198.18/15 benchmarking
    }
}
