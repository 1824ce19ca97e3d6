package target

import (
	"context"
	"errors"
	"fmt"
	"os"

	tc "github.com/testcontainers/testcontainers-go"
	tclog "github.com/testcontainers/testcontainers-go/log"
	"github.com/testcontainers/testcontainers-go/network"
)

// ErrImageMissing is the cause of the *StartError a container target
// returns when its image is not on the Docker engine. The harness never
// pulls: a mistyped name must not fetch and run some public image with the
// run's secrets in its environment.
var ErrImageMissing = errors.New("the image is not on the Docker engine, " +
	"and the harness does not pull images: build or load it first")

// ErrReaperEnabled is the cause of the *StartError a container target
// returns when TESTCONTAINERS_RYUK_DISABLED is not "true".
// Testcontainers' reaper runs as a container whose image is pulled from a
// registry; where no registry is reachable it can never start, and every
// run would hang on it first. Stop removes what the target created, so
// the reaper is not needed. Testcontainers reads the variable once, at
// its first use in the process: set it before the first target starts.
var ErrReaperEnabled = errors.New(
	"TESTCONTAINERS_RYUK_DISABLED must be \"true\": set it in the " +
		"environment, the reaper image cannot be pulled here")

// Host creates the container's network and returns its gateway address,
// on which the container reaches servers the harness binds there. Stop
// removes the network.
//
// The gateway is an address of the Docker host on the network's bridge,
// so a server bound on it (port 0) is reachable from the container as
// http://GATEWAY:PORT. This was checked on Docker 20.10 with iptables
// (nf_tables and legacy): the INPUT policy is ACCEPT and the bridge
// rules Docker adds only filter FORWARD, so no rule was needed. A host
// whose INPUT chain drops by default needs a rule accepting the
// network's subnet, such as "iptables -I INPUT -i br-+ -j ACCEPT".
func (c *Container) Host(ctx context.Context) (string, error) {
	if c.gateway != "" {
		return c.gateway, nil
	}
	if v := os.Getenv("TESTCONTAINERS_RYUK_DISABLED"); v != "true" {
		return "", c.fail(Setup, ErrReaperEnabled)
	}
	if (c.opts.Image == "") == (c.opts.Context == "") {
		return "", c.fail(Setup,
			errors.New("want exactly one of Image and Context"))
	}

	p, err := tc.NewDockerProvider(tc.WithLogger(tclog.NewNoopLogger()))
	if err != nil {
		return "", c.fail(Setup, fmt.Errorf("reaching docker: %w", err))
	}
	c.provider = p
	nw, err := network.New(ctx, network.WithLabels(map[string]string{
		"org.apiconformance.harness": "target",
	}))
	if err != nil {
		return "", c.fail(Setup, fmt.Errorf("creating network: %w", err))
	}
	c.network = nw
	gw, err := c.gatewayOf(ctx, nw.ID)
	if err != nil {
		c.Stop(context.WithoutCancel(ctx))
		return "", c.fail(Setup, err)
	}
	c.gateway = gw
	return gw, nil
}

// gatewayOf reads the gateway from the network's IPAM configuration.
// Docker leaves it out for some networks, such as the default bridge;
// the gateway is then the first address of the subnet.
func (c *Container) gatewayOf(ctx context.Context, id string) (string, error) {
	nw, err := c.provider.GetNetwork(ctx, tc.NetworkRequest{Name: id})
	if err != nil {
		return "", fmt.Errorf("inspecting network %s: %w", id, err)
	}
	for _, cfg := range nw.IPAM.Config {
		if cfg.Gateway.Is4() {
			return cfg.Gateway.String(), nil
		}
	}
	for _, cfg := range nw.IPAM.Config {
		if cfg.Subnet.Addr().Is4() {
			return cfg.Subnet.Masked().Addr().Next().String(), nil
		}
	}
	return "", fmt.Errorf("inspecting network %s: no IPv4 gateway", id)
}
