-- wrk script: cycle through pages of every kind, a stylesheet and the sitemap.
-- wrk itself counts socket errors, timeouts and non-2xx/3xx responses.
local paths = {
  "/", "/briefings/vision-to-value/", "/routemap/", "/routemap/information/",
  "/case-studies/", "/case-studies/kent/", "/principles/innovate/", "/capabilities/",
  "/assets/style.css", "/sitemap.xml",
}
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
