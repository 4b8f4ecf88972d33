<%@ Application Codebehind="Global.asax.cs" Inherits="Cms11WebApplication.Global" Language="C#" %>
