using Gongkai.Applications;

namespace Gongkai.Tests.Applications;

/// <summary>The forms the demo data (and real applications) hold: resident numbers, mobiles, landlines, village addresses.</summary>
public class PersonalDataMaskTests
{
    [Theory]
    [InlineData("11010519491231002X", "110***********002X")]
    [InlineData("410711198803150021", "410***********0021")]
    [InlineData(" 410711880315002 ", "410********5002")]
    [InlineData("91410799MA3X4K5L6P", "91**************6P")]
    [InlineData("A123", "****")]
    public void Identity_numbers_keep_the_first_three_and_last_four(string value, string masked) =>
        PersonalDataMask.IdentityNumber(value).ShouldBe(masked);

    [Theory]
    [InlineData("13800138000", "138****8000")]
    [InlineData("15912345678", "159****5678")]
    [InlineData("0373-5551234", "0373-*****34")]
    [InlineData("03735551234", "0373*****34")]
    [InlineData("010 87654321", "010 ******21")]
    [InlineData("12345", "*****")]
    public void Phones_keep_the_prefix_or_area_code_and_the_last_digits(string value, string masked) =>
        PersonalDataMask.Phone(value).ShouldBe(masked);

    [Theory]
    [InlineData("示范县城关镇李庄村3组12号", "示范县城关镇***")]
    [InlineData("示范县东关街道东关社区7组5号", "示范县东关街道***")]
    [InlineData("河南省新乡市红旗区人民路12号", "河南省新乡市红旗区***")]
    [InlineData("示范县城关镇新华社区2组8号", "示范县城关镇***")]
    [InlineData("示范县西河乡东关社区3组5号", "示范县西河乡***")]
    [InlineData("示范县锦绣花园小区3号楼", "示范县***")]
    [InlineData("示范县", "***")]
    public void Addresses_keep_the_district_and_town_or_street(string value, string masked) =>
        PersonalDataMask.Address(value).ShouldBe(masked);

    [Fact]
    public void Numbers_in_a_text_are_masked_in_place_and_other_digits_are_left()
    {
        var text = "申请人张三（身份证号11010519491231002X，电话13800138000，座机0373-5551234）申请2023年度第12345号文件。";

        PersonalDataMask.Text(text).ShouldBe("申请人张*（身份证号110***********002X，电话138****8000，座机0373-*****34）申请2023年度第12345号文件。");
    }

    [Theory]
    // The demo data's published message, and the forms addresses take in messages.
    [InlineData("请问城区小学的招生划片范围在哪里可以查到？我家住示范县城关镇李庄村3组12号，身份证号410724198001011234。",
        "请问城区小学的招生划片范围在哪里可以查到？我家住示范县城关镇***，身份证号410***********1234。")]
    [InlineData("住址：河南省新乡市红旗区人民路12号院3号楼2单元301室", "住址：河南省新乡市红旗区***")]
    [InlineData("我住在解放街道新华社区2组8号。", "我住在解放街道***。")]
    [InlineData("家住人民路15号，门口路灯坏了。", "家住人民路***，门口路灯坏了。")]
    [InlineData("联系人：王小明，电话13800138000。", "联系人：王**，电话138****8000。")]
    [InlineData("留言人李四反映学校收费问题。", "留言人李*反映学校收费问题。")]
    public void Addresses_and_names_after_markers_in_a_text_are_masked(string text, string masked) =>
        PersonalDataMask.Text(text).ShouldBe(masked);

    [Theory]
    // Agency names, places without a house number, document titles and numbers, and words after the markers stay.
    [InlineData("示范县教育局、示范县自然资源局和示范县城关镇人民政府联合发文。")]
    [InlineData("关于印发示范县城区道路交通管理办法的通知（示政〔2024〕3号）")]
    [InlineData("《示范县义务教育学校招生入学工作方案》规定人民路小学2024年招收一年级新生。")]
    [InlineData("请到县政务服务中心一楼3号窗口办理，或到李庄村村委会咨询。")]
    [InlineData("申请人应当提交身份证明；申请人于2024年3月5日提出申请；联系人电话见通知。")]
    [InlineData("国办发〔2018〕37号文件要求征求意见时间一般不少于7个工作日。")]
    public void Agency_names_places_and_titles_in_a_text_are_left_as_they_are(string text) =>
        PersonalDataMask.Text(text).ShouldBe(text);

    [Theory]
    // The forms of names real letters and the demo's comments and messages use.
    [InlineData("张三先生反映的问题已转交城关镇人民政府。", "张*先生反映的问题已转交城关镇人民政府。")]
    [InlineData("经核实，王小明女士所述情况属实。", "经核实，王**女士所述情况属实。")]
    [InlineData("申请人姓名：赵刚；证件号码：410799198803150021", "申请人姓名：赵*；证件号码：410***********0021")]
    [InlineData("刘建国：\n本机关于2024年3月5日收到您提交的政府信息公开申请。", "刘**：\n本机关于2024年3月5日收到您提交的政府信息公开申请。")]
    [InlineData("家住示范县城关镇李庄村，孩子在实验小学上学。", "家住示范县城关镇***，孩子在实验小学上学。")]
    [InlineData("户主孙玉梅，住址：示范县东关街道东关社区", "户主孙**，住址：示范县东关街道***")]
    public void Names_in_letters_and_addresses_after_a_word_of_residence_are_masked(string text, string masked) =>
        PersonalDataMask.Text(text).ShouldBe(masked);

    [Theory]
    // A surname alone names nobody; agency names, a people's government of a district, officials' titles and 文号 stay.
    [InlineData("感谢王女士、张先生提出的意见。")]
    [InlineData("金水区人民政府办公室主任李局长出席会议。")]
    [InlineData("示范县教育局：\n根据《示范县人民政府关于…的通知》（示政〔2024〕12号）")]
    [InlineData("示范县城关镇李庄村村民委员会、锦绣花园小区业主委员会")]
    [InlineData("郑州市金水区人民政府关于2024年度政府信息公开工作年度报告")]
    [InlineData("示教公复〔2024〕12号")]
    public void Agency_names_regions_titles_and_document_numbers_are_not_personal_data(string text)
    {
        PersonalDataMask.Find(text).ShouldBeEmpty();
        PersonalDataMask.Text(text).ShouldBe(text);
    }

    [Fact]
    public void Find_says_where_each_datum_is_and_its_mask_and_known_values_are_found_in_any_form()
    {
        var text = "申请人张三（身份证号410799198803150021），电话13803731234。另：张三的妻子李梅，示范县城关镇李庄村3组12号。";
        var found = PersonalDataMask.Find(text, [new KnownPersonalDatum(PersonalDataKind.Name, "张三"), new KnownPersonalDatum(PersonalDataKind.Name, "李梅")]);

        found.Select(d => (d.Start, d.Length, d.Kind, d.Original, d.Masked)).ShouldBe(
        [
            (3, 2, PersonalDataKind.Name, "张三", "张*"),
            (10, 18, PersonalDataKind.IdentityNumber, "410799198803150021", "410***********0021"),
            (32, 11, PersonalDataKind.Phone, "13803731234", "138****1234"),
            (46, 2, PersonalDataKind.Name, "张三", "张*"),
            (51, 2, PersonalDataKind.Name, "李梅", "李*"),
            (54, 14, PersonalDataKind.Address, "示范县城关镇李庄村3组12号", "示范县城关镇***"),
        ]);
        PersonalDataMask.Apply(text, found.Where(d => d.Kind != PersonalDataKind.Name))
            .ShouldBe("申请人张三（身份证号410***********0021），电话138****1234。另：张三的妻子李梅，示范县城关镇***。");
    }

    [Fact]
    public void The_demo_applicants_name_address_and_numbers_are_masked_wherever_a_letter_writes_them()
    {
        // DemoApplications' forms: a name of surname and given name, 示范县{镇}{村}{组}{号}, 410799 numbers, 13x/15x/18x mobiles.
        var letter = "周秀英：\n本机关于2025年3月3日收到您（单位）提交的政府信息公开申请，您申请获取“示范县城关镇周庄村5组31号宅基地审批材料”。\n联系人：周秀英，联系电话18837301234。";
        PersonalDataMask.Text(letter).ShouldBe(
            "周**：\n本机关于2025年3月3日收到您（单位）提交的政府信息公开申请，您申请获取“示范县城关镇***宅基地审批材料”。\n联系人：周**，联系电话188****1234。");
    }
}
