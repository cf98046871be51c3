using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>
/// A dossier's status, numbered as the national public-service portal numbers dossier statuses (the integer value is
/// that code), so the center can report to the portal without a mapping table.
/// </summary>
public enum DossierStatus
{
    /// <summary>
    /// Not a national status: an incomplete dossier guided to be completed (form 02), never registered and given no
    /// code; the portal is not told of it and the indicators do not count it as received.
    /// </summary>
    Guided = 0,
    Submitted = 1,
    Accepted = 2,
    NotAccepted = 3,
    Processing = 4,
    SupplementRequested = 5,
    AwaitingFees = 6,
    Withdrawn = 7,
    Stopped = 8,
    Resolved = 9,
    Returned = 10,
}

public static class DossierStatuses
{
    public static LocalizedText Name(DossierStatus status) => status switch
    {
        DossierStatus.Guided => new("Hướng dẫn hoàn thiện, chưa tiếp nhận", "Guided to complete, not received"),
        DossierStatus.Submitted => new("Mới nộp", "Submitted"),
        DossierStatus.Accepted => new("Đã tiếp nhận", "Accepted"),
        DossierStatus.NotAccepted => new("Không được tiếp nhận", "Not accepted"),
        DossierStatus.Processing => new("Đang xử lý", "Processing"),
        DossierStatus.SupplementRequested => new("Yêu cầu bổ sung", "Supplement requested"),
        DossierStatus.AwaitingFees => new("Chờ thực hiện nghĩa vụ tài chính", "Awaiting fees"),
        DossierStatus.Withdrawn => new("Công dân rút hồ sơ", "Withdrawn"),
        DossierStatus.Stopped => new("Dừng xử lý", "Stopped"),
        DossierStatus.Resolved => new("Đã giải quyết xong", "Resolved"),
        DossierStatus.Returned => new("Đã trả kết quả", "Returned"),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>No further step will run: the dossier is out of the agencies' hands.</summary>
    public static bool IsClosed(DossierStatus status) =>
        status is DossierStatus.Guided or DossierStatus.NotAccepted or DossierStatus.Stopped or DossierStatus.Returned;

    /// <summary>Steps may still move the dossier on: not closed, not resolved, no withdrawal awaiting the agency's stop.</summary>
    public static bool IsInProgress(DossierStatus status) => !IsClosed(status) && !IsResolved(status) && status != DossierStatus.Withdrawn;

    /// <summary>Resolved counts for timeliness once the result is ready, whether or not it has been collected.</summary>
    public static bool IsResolved(DossierStatus status) => status is DossierStatus.Resolved or DossierStatus.Returned;
}
