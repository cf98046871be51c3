namespace PublicWorkflow.OneStop.Persistence.Migrations;

/// <summary>
/// Rows written under the old lifecycle, moved to the new meanings (the same SQL on every provider): an incomplete
/// dossier "not accepted" was in fact guided to complete (form 02), and a withdrawal used to stop the case at once, so it
/// is a withdrawal request followed by the stop. The stop's moment is the case's last audit line.
/// </summary>
internal static class ReceptionNetworkData
{
    public const string Up = """
        UPDATE "dossiers" SET "Status" = 'Guided' WHERE "Status" = 'NotAccepted' AND "RefusalReasons" IS NULL;
        UPDATE "dossiers" SET "Status" = 'Stopped', "WithdrawalReason" = "StopReason" WHERE "Status" = 'Withdrawn';
        UPDATE "dossiers" SET "StoppedAt" = (SELECT MAX("a"."At") FROM "audit" "a" WHERE "a"."CaseId" = "dossiers"."CaseId")
            WHERE "Status" = 'Stopped' AND "StoppedAt" IS NULL;
        """;
}
