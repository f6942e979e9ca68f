package org.proservice.invitation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Invitation settings ({@code pro.invitations.*}; environment variables in application.properties). */
@ConfigMapping(prefix = "pro.invitations")
public interface InvitationSettings {

    /** How long a new invitation can be claimed. */
    @WithDefault("P14D")
    Duration ttl();

    /** Base of the join URL put into the QR code; the code is appended as {@code ?code=}. */
    String joinUrl();

    /** Unknown codes allowed per caller subject within {@link #failureWindow()} before claims are refused. */
    @WithDefault("5")
    int maxFailuresPerSubject();

    /** Unknown codes allowed per client address within {@link #failureWindow()}. */
    @WithDefault("30")
    int maxFailuresPerAddress();

    @WithDefault("PT15M")
    Duration failureWindow();
}
