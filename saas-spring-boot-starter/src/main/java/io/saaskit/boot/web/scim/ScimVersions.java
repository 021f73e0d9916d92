package io.saaskit.boot.web.scim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.saaskit.core.provisioning.DirectoryUser;
import io.saaskit.core.provisioning.ProvisioningError;
import io.saaskit.core.provisioning.ProvisioningException;
import org.jspecify.annotations.Nullable;

/**
 * ETags of SCIM resources: {@code W/"<membership version>"}, as {@code meta.version} and the {@code ETag} header.
 */
final class ScimVersions {

    private static final Pattern TAG = Pattern.compile("^(?:W/)?\"([0-9]{1,18})\"$");

    private ScimVersions() {
    }

    static String etag(DirectoryUser user) {
        return "W/\"" + user.membership().version() + "\"";
    }

    /**
     * The version an {@code If-Match} header requires.
     * @param ifMatch the header, or {@code null}
     * @return the version, or {@code null} when any version will do (no header, or {@code *})
     * @throws ProvisioningException 412 when the header names no version this server ever issues
     */
    static @Nullable Long required(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = TAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw new ProvisioningException(ProvisioningError.VERSION_MISMATCH, "If-Match names no current version");
        }
        return Long.parseLong(matcher.group(1));
    }

    /**
     * Whether an {@code If-None-Match} header matches the user's current version.
     * @param ifNoneMatch the header, or {@code null}
     * @param user the user
     * @return true when the client's copy is current
     */
    static boolean notModified(@Nullable String ifNoneMatch, DirectoryUser user) {
        if (ifNoneMatch == null) {
            return false;
        }
        String current = etag(user);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(current) || ("W/" + tag).equals(current)) {
                return true;
            }
        }
        return false;
    }
}
