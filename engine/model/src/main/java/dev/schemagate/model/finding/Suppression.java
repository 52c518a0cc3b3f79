package dev.schemagate.model.finding;

/** Why a finding does not count against the gate: an inline comment or a policy waiver, with its reason. */
public final class Suppression {
    private final String kind;
    private final String reason;
    private final String approver;
    private final String expires;
    private final String location;

    public Suppression(String kind, String reason, String approver, String expires, String location) {
        this.kind = kind;
        this.reason = reason;
        this.approver = approver;
        this.expires = expires;
        this.location = location;
    }

    /** "inline" for a {@code schemagate:ignore} comment, "waiver" for a policy waiver. */
    public String getKind() {
        return kind;
    }

    public String getReason() {
        return reason;
    }

    public String getApprover() {
        return approver;
    }

    public String getExpires() {
        return expires;
    }

    /** file:line of the comment or waiver. */
    public String getLocation() {
        return location;
    }
}
