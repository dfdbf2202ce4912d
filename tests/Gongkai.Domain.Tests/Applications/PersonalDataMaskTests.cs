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
}
