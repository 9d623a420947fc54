using System.Resources;

// Simplified Chinese is the site's default: it lives in the main assembly, English in a satellite.
[assembly: NeutralResourcesLanguage("zh-Hans")]
