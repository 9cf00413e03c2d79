namespace AnnualReview.Assessment.Cycle;

/// <summary>Who a late step is escalated to, relative to its owner; lowest first.</summary>
public enum EscalationTarget
{
    /// <summary>The owner's supervisor: the cell secretary for a member, the grassroots committee for a cell.</summary>
    Supervisor,

    /// <summary>Cấp ủy cấp trên: the committee above the supervisor.</summary>
    SuperiorCommittee,

    /// <summary>Ban Tổ chức: the board that runs the cycle.</summary>
    OrganizationBoard,
}
