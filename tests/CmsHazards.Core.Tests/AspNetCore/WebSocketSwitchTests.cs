using CmsHazards.AspNetCore;
using CmsHazards.Text;
using Xunit;
using CmsHazards.Rules;

namespace CmsHazards.Tests.AspNetCore;

/// <summary>Which setting of UIOptions.WebSocketEnabled decides, when a site sets it in several places.</summary>
public class WebSocketSwitchTests
{
    private static SwitchSetting Setting(SwitchState state, SwitchPhase phase, string expression = "false") =>
        new(state, phase, "Configure<UIOptions>", expression, new FileLocation("/site/Startup.cs", new TextSpan(0, 5), new LinePosition(3, 4), new LinePosition(3, 9)));

    [Fact]
    public void Nothing_set_leaves_the_default_on() =>
        Assert.Equal(SwitchState.On, WebSocketSwitch.Decide(Array.Empty<SwitchSetting>()).State);

    [Fact]
    public void C_sharp_overrides_appsettings()
    {
        var decided = WebSocketSwitch.Decide(new[] { Setting(SwitchState.On, SwitchPhase.Configuration), Setting(SwitchState.Off, SwitchPhase.Configure) });

        Assert.True(decided.IsOff);
    }

    [Fact]
    public void PostConfigure_runs_last()
    {
        var decided = WebSocketSwitch.Decide(new[] { Setting(SwitchState.Off, SwitchPhase.Configure), Setting(SwitchState.On, SwitchPhase.PostConfigure, "true") });

        Assert.Equal(SwitchState.On, decided.State);
        Assert.Equal("true", decided.DecidedBy!.Expression);
    }

    [Fact]
    public void An_expression_the_build_cannot_evaluate_is_named_not_guessed()
    {
        var uncertain = Setting(SwitchState.DependsOn, SwitchPhase.Configure, "!env.IsDevelopment()");

        var decided = WebSocketSwitch.Decide(new[] { Setting(SwitchState.Off, SwitchPhase.Configure), uncertain });

        Assert.Equal(SwitchState.DependsOn, decided.State);
        Assert.Same(uncertain, decided.DecidedBy);
    }

    [Fact]
    public void In_one_phase_a_setting_that_turns_it_on_keeps_it_on()
    {
        var on = Setting(SwitchState.On, SwitchPhase.Configure, "true");

        var decided = WebSocketSwitch.Decide(new[] { Setting(SwitchState.Off, SwitchPhase.Configure), on });

        Assert.Same(on, decided.DecidedBy);
    }
}
