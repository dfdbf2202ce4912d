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

        PersonalDataMask.Text(text).ShouldBe("申请人张三（身份证号110***********002X，电话138****8000，座机0373-*****34）申请2023年度第12345号文件。");
    }
}
