locals {
  websockets = true
}

resource "azurerm_app_service" "cms" {
  name                = "legacy-cms"
  location            = "westeurope"
  resource_group_name = "rg"
  app_service_plan_id = "plan"

  site_config {
    dotnet_framework_version = "v4.0"
    websockets_enabled       = local.websockets
  }
}

resource "azurerm_app_service_slot" "staging" {
  name                = "staging"
  app_service_name    = azurerm_app_service.cms.name
  location            = "westeurope"
  resource_group_name = "rg"
  app_service_plan_id = "plan"
}
