namespace AnnualReview.Assessment.Roster;

/// <summary>
/// Name material for generated rosters. Family names carry rough real-world weights (Nguyễn is about four in
/// ten) so generated lists look like real ones, including many namesakes that search and dedup must survive.
/// </summary>
internal static class VietnameseNames
{
    public static readonly (string Name, int Weight)[] Families =
    [
        ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 30), ("Huỳnh", 22),
        ("Phan", 45), ("Vũ", 20), ("Võ", 19), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
        ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Trương", 8), ("Đinh", 6), ("Lâm", 4), ("Mai", 4),
        ("Cao", 3), ("Tạ", 2), ("Châu", 2), ("Lương", 3),
    ];

    public static readonly string[] MaleMiddles = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Thanh", "Hoàng", "Xuân", "Đình"];

    public static readonly string[] FemaleMiddles = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Bích", "Hồng", "Mỹ", "Phương"];

    public static readonly string[] MaleGivens =
    [
        "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy", "Khang", "Khoa", "Kiên", "Long",
        "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thịnh",
        "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ",
    ];

    public static readonly string[] FemaleGivens =
    [
        "Anh", "Châu", "Chi", "Diệp", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh",
        "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phượng", "Quyên", "Tâm", "Thảo", "Thủy",
        "Trang", "Trinh", "Uyên", "Vân", "Xuân", "Yến",
    ];

    public static readonly string[] Committees =
    [
        "Đảng bộ phường Ninh Kiều", "Đảng bộ phường Cái Khế", "Đảng bộ phường Tân An", "Đảng bộ phường Bình Thủy",
        "Đảng bộ phường Cái Răng", "Đảng bộ phường Ô Môn", "Đảng bộ phường Thốt Nốt", "Đảng bộ xã Phong Điền",
        "Đảng bộ xã Cờ Đỏ", "Đảng bộ xã Thới Lai", "Đảng bộ xã Vĩnh Thạnh", "Đảng bộ các cơ quan Đảng thành phố",
        "Đảng bộ Ủy ban nhân dân thành phố", "Đảng bộ Quân sự thành phố", "Đảng bộ Công an thành phố",
        "Đảng bộ Bộ đội Biên phòng", "Đảng bộ Khối Doanh nghiệp",
    ];

    public static readonly string[] Institutions =
    [
        "Trường Tiểu học", "Trường THCS", "Trường THPT", "Bệnh viện Đa khoa", "Trung tâm Y tế", "Công ty Cấp thoát nước",
        "Công ty Điện lực", "Khu dân cư", "Ấp", "Khu vực", "Văn phòng Ủy ban nhân dân", "Sở Tài chính",
        "Sở Giáo dục và Đào tạo", "Ngân hàng", "Hợp tác xã", "Ban Quản lý dự án",
    ];

    public static readonly string[] CellNames =
    [
        "Khu vực", "Ấp", "Khu phố", "Phòng Hành chính", "Phòng Kế toán", "Tổ Chuyên môn", "Khoa Nội", "Khoa Ngoại",
        "Phân xưởng", "Đội", "Giáo viên", "Hưu trí", "Sinh viên", "Văn phòng",
    ];

    public static readonly string[] LeadershipPosts =
    [
        "Bí thư chi bộ", "Phó Bí thư chi bộ", "Trưởng phòng", "Phó Trưởng phòng", "Hiệu trưởng", "Phó Hiệu trưởng",
        "Giám đốc", "Phó Giám đốc", "Chủ tịch Ủy ban nhân dân phường", "Trưởng khoa", "Trưởng ấp", "Tổ trưởng chuyên môn",
    ];

    private static readonly int FamilyTotal = Families.Sum(f => f.Weight);

    public static string Family(Random random)
    {
        var pick = random.Next(FamilyTotal);
        foreach (var (name, weight) in Families)
        {
            if (pick < weight)
            {
                return name;
            }

            pick -= weight;
        }

        return Families[0].Name;
    }

    public static string FullName(Random random, bool female)
    {
        var family = Family(random);
        var middle = female ? Pick(random, FemaleMiddles) : Pick(random, MaleMiddles);
        var given = female ? Pick(random, FemaleGivens) : Pick(random, MaleGivens);
        return $"{family} {middle} {given}";
    }

    public static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];
}
