package io.saaskit.core.shared;

/**
 * The action is switched off because the deployment runs in demo mode, where visitors share one environment and
 * must not be able to lock each other out or destroy shared data.
 */
public class DemoModeException extends SaasException {

    private static final long serialVersionUID = 1L;

    public DemoModeException() {
        super("Disabled in demo mode");
    }

    @Override
    public String code() {
        return "DEMO_MODE";
    }
}
