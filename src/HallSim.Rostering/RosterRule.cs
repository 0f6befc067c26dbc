namespace HallSim.Rostering;

/// <summary>The rules and requirements a roster can miss (flags: a diagnosis can name several together).</summary>
[Flags]
public enum RosterRule
{
    /// <summary>No rule.</summary>
    None = 0,

    /// <summary>An assignment names a person who is not on the staff.</summary>
    Staff = 1 << 0,

    /// <summary>An assignment names a shift template that does not exist.</summary>
    Shift = 1 << 1,

    /// <summary>A person is rostered on a day of absence.</summary>
    Absence = 1 << 2,

    /// <summary>A person has more than one shift on a day.</summary>
    OneShiftADay = 1 << 3,

    /// <summary>Too little rest between two shifts.</summary>
    Rest = 1 << 4,

    /// <summary>A shift follows another that it may not follow.</summary>
    ForbiddenTransition = 1 << 5,

    /// <summary>Too many working days in a row.</summary>
    ConsecutiveDays = 1 << 6,

    /// <summary>Too few days off in a calendar week.</summary>
    DaysOff = 1 << 7,

    /// <summary>More hours in a week than the contract allows.</summary>
    ContractHours = 1 << 8,

    /// <summary>More people at work at once than windows can be open.</summary>
    WindowCap = 1 << 9,

    /// <summary>People of some skills at work at once outnumber the windows they can staff, or no one can staff a category.</summary>
    Skills = 1 << 10,

    /// <summary>An interval's required windows cannot be staffed.</summary>
    Coverage = 1 << 11,

    /// <summary>Several rules together leave shifts unfilled, though relaxing any one alone does not fill them.</summary>
    Several = 1 << 12,

    /// <summary>A person is rostered when the hall is closed: on a closed day, or on a shift that lies wholly outside
    /// the day's sessions (paid time with no window to staff).</summary>
    HallClosed = 1 << 13,
}
