using Gongkai.Fees;

namespace Gongkai.Tests.Fees;

public class InformationProcessingFeeTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(10, 0)]
    [InlineData(11, 100)]
    [InlineData(30, 2000)]
    [InlineData(31, 2200)]
    [InlineData(35, 3000)] // 109号 example: 20 × 100 + 5 × 200
    [InlineData(40, 4000)]
    [InlineData(41, 4300)]
    [InlineData(50, 7000)]
    [InlineData(51, 7400)]
    public void By_count_is_progressive_over_the_applicants_month(int count, int yuan)
    {
        InformationProcessingFee.ByCount(count).Amount.ShouldBe(yuan);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 0)]
    [InlineData(31, 10)]
    [InlineData(100, 700)]
    [InlineData(101, 720)]
    [InlineData(150, 1700)] // 109号 example: 70 × 10 + 50 × 20
    [InlineData(200, 2700)]
    [InlineData(201, 2740)]
    public void By_pages_is_progressive_over_one_application(int pages, int yuan)
    {
        InformationProcessingFee.ByPages(pages).Amount.ShouldBe(yuan);
    }

    [Fact]
    public void Earlier_applications_of_the_month_move_the_new_ones_into_dearer_bands()
    {
        var quote = InformationProcessingFee.ByCount(5, earlierInMonth: 28);

        quote.Bands.ShouldBe([new FeeBand(29, 30, 100m), new FeeBand(31, 33, 200m)]);
        quote.Amount.ShouldBe(800m);
        (quote.FirstUnit, quote.LastUnit, quote.Quantity).ShouldBe((29, 33, 5));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(11, 100)]
    [InlineData(31, 200)]
    [InlineData(60, 400)]
    [InlineData(61, 500)]
    public void The_rate_of_each_application_rises_by_100_yuan_per_band_of_ten_after_30(int ordinal, int rate)
    {
        InformationProcessingFee.RatePerApplication(ordinal).ShouldBe(rate);
    }

    [Theory]
    [InlineData(30, 0)]
    [InlineData(31, 10)]
    [InlineData(101, 20)]
    [InlineData(500, 40)]
    public void The_rate_of_each_page_follows_its_band(int page, int rate)
    {
        InformationProcessingFee.RatePerPage(page).ShouldBe(rate);
    }

    [Fact]
    public void The_explanation_lists_each_band()
    {
        InformationProcessingFee.ByCount(35).ToChinese().ShouldBe("""
            按件计收（同一申请人同一自然月内累计件数，超额累进），《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）：
              第1至10件：10件，免费
              第11至30件：20件 × 100元 = 2,000元
              第31至35件：5件 × 200元 = 1,000元
              合计：3,000元
            """);
        InformationProcessingFee.ByPages(150).ToChinese().ShouldBe("""
            按量计收（同一申请的页数，超额累进），《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）：
              第1至30页：30页，免费
              第31至100页：70页 × 10元 = 700元
              第101至150页：50页 × 20元 = 1,000元
              合计：1,700元
            """);
    }

    [Fact]
    public void Quantities_out_of_range_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => InformationProcessingFee.ByCount(0));
        Should.Throw<ArgumentOutOfRangeException>(() => InformationProcessingFee.ByCount(1, -1));
        Should.Throw<ArgumentOutOfRangeException>(() => InformationProcessingFee.ByPages(-1));
    }
}
