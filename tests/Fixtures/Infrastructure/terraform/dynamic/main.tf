variable "site_config" {
  type = list(object({
    websockets_enabled = optional(bool, false)
    always_on          = optional(bool, true)
  }))
  default = [{}]
}

module "network" {
  source = "git::https://example.invalid/terraform-modules.git//network?ref=v1.2.0"
}

resource "azurerm_windows_web_app" "cms" {
  name                = "cms-dynamic"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "plan"

  dynamic "site_config" {
    for_each = var.site_config
    content {
      websockets_enabled = site_config.value.websockets_enabled
      always_on          = site_config.value.always_on
    }
  }
}
