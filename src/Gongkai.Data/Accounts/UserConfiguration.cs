using Gongkai.Data.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Accounts;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.HasOne<Agency>().WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> builder)
    {
        builder.ToTable("SignInFailures");
        builder.Property(f => f.UserName).HasMaxLength(SignInFailure.UserNameLength);
        builder.Property(f => f.Address).HasMaxLength(SignInFailure.AddressLength);
        builder.HasIndex(f => new { f.UserName, f.AtUtc });
        builder.HasIndex(f => new { f.Address, f.AtUtc });
        builder.HasIndex(f => f.AtUtc);
    }
}
