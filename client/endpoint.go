package client

import (
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
)

// DefaultRegionId is the region a Config without RegionId or Endpoint uses,
// when ALIBABA_CLOUD_REGION_ID is not set either.
const DefaultRegionId = "cn-hangzhou"

// regionEnvVar is the environment variable a Config without RegionId reads
// its region from, as Alibaba Cloud's CLI and SDKs do.
const regionEnvVar = "ALIBABA_CLOUD_REGION_ID"

// KnownRegions returns the regions documented for Compute Nest, sorted.
// Other well-formed region IDs are accepted too: their endpoint is built by
// darabonba's rule, and works only where the service is deployed.
func KnownRegions() []string { return []string{"ap-southeast-1", "cn-hangzhou"} }

// regionID is the shape of an Alibaba Cloud region ID, such as cn-hangzhou
// or ap-southeast-1: what may safely become part of a host name.
var regionID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// endpoint resolves the host[:port] and protocol a client of c talks to:
// Config.Endpoint when set, otherwise the endpoint of the region
// (Config.RegionId, ALIBABA_CLOUD_REGION_ID, DefaultRegionId) and network
// (Config.Network) by darabonba-openapi's regional endpoint rule,
// computenest[-<network>].<region>.aliyuncs.com.
func (c *Config) endpoint() (host, protocol string, err error) {
	protocol = strings.ToLower(strings.TrimSpace(c.Protocol))
	switch protocol {
	case "":
		protocol = "https"
	case "http", "https":
	default:
		return "", "", fmt.Errorf("computenest: Config.Protocol %q: must be \"https\" or \"http\"", c.Protocol)
	}
	if c.Endpoint != "" {
		return endpointOf(c.Endpoint, c.Protocol, protocol)
	}
	network := strings.ToLower(c.Network)
	switch network {
	case "", "public":
		network = ""
	case "vpc":
	default:
		return "", "", fmt.Errorf("computenest: Config.Network %q: must be \"public\" (the default) or \"vpc\"", c.Network)
	}
	region, from := c.RegionId, "Config.RegionId"
	if region == "" {
		region, from = strings.TrimSpace(os.Getenv(regionEnvVar)), regionEnvVar
	}
	if region == "" {
		region = DefaultRegionId
	}
	if !regionID.MatchString(region) {
		return "", "", fmt.Errorf("computenest: %s %q: not a region ID (want e.g. %s; known regions are %s)",
			from, region, DefaultRegionId, strings.Join(KnownRegions(), ", "))
	}
	rule, err := openapiutil.GetEndpointRules(dara.String("computenest"), dara.String(region),
		dara.String("regional"), dara.String(network), dara.String(""))
	if err != nil { // only for an empty region, which cannot reach here
		return "", "", fmt.Errorf("computenest: region %q: %w", region, err)
	}
	return dara.StringValue(rule), protocol, nil
}

// endpointOf reads Config.Endpoint: host[:port], or a URL such as
// "http://127.0.0.1:8080" (what httptest and computenesttest's URL give),
// whose scheme sets the protocol. A URL's path may only be "/"; a scheme
// that Config.Protocol contradicts is an error.
func endpointOf(endpoint, protocolField, protocol string) (host, proto string, err error) {
	bad := func(why string) (string, string, error) {
		return "", "", fmt.Errorf("computenest: Config.Endpoint %q: %s", endpoint, why)
	}
	if strings.TrimSpace(endpoint) != endpoint || strings.ContainsAny(endpoint, " \t\r\n") {
		return bad("holds white space")
	}
	scheme, _, isURL := strings.Cut(endpoint, "://")
	if !isURL {
		if strings.ContainsAny(endpoint, "/?#@") {
			return bad("want host[:port], or a URL such as https://host[:port]")
		}
		return endpoint, protocol, nil
	}
	u, err := url.Parse(endpoint)
	switch {
	case err != nil:
		return bad("not a URL")
	case scheme != "http" && scheme != "https":
		return bad("the scheme must be http or https")
	case u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || (u.Path != "" && u.Path != "/"):
		return bad("want scheme://host[:port], with no user, path or query")
	case protocolField != "" && protocol != scheme:
		return bad(fmt.Sprintf("its scheme contradicts Config.Protocol %q", protocolField))
	}
	return u.Host, scheme, nil
}
